/**
 * The review desk's web pages for reviewers, leads and auditors (docs/contract.md §7): sign-in
 * with sessions, CSRF tokens and a sign-in rate limit; the queues, case, history and stats pages
 * rendered from jte templates compiled at build time; media served with range requests; the style
 * sheet and script served from the jar. {@link dev.greenlight.server.web.DeskWeb} is the one entry
 * point; the server mounts it. Everything else here is internal.
 */
package dev.greenlight.server.web;
