/**
 * Review desk accounts: {@link dev.greenlight.desk.accounts.Account} (a name and roles),
 * {@link dev.greenlight.desk.accounts.Accounts} (the users file: PBKDF2 password hashes and API token
 * hashes). Depends on nothing else of the desk.
 */
package dev.greenlight.desk.accounts;
