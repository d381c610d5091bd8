/**
 * JSON in and out: strict parsing of submissions (docs/contract.md §1) with errors that name the field's
 * JSON Pointer and line, batch reading that decides every valid item and reports every invalid
 * one, and the JSON form of decisions (docs/contract.md §2).
 */
package dev.greenlight.json;
