/**
 * What the reviewer pages' templates ({@code src/main/jte}) are given: one immutable record per
 * page and a few formatting helpers. Public only because the compiled templates live in a package of
 * their own; not an API for anything else.
 */
package dev.greenlight.server.web.view;
