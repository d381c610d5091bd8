/**
 * Small HTTP helpers the server's route packages share (the JSON API, the desk's JSON routes, the
 * reviewer pages, the artists' status pages): reading a text field of a JSON body into RFC 9457
 * errors, and the security headers every HTML page carries. Depends on nothing else of the server.
 */
package dev.greenlight.server.http;
