/** Plugin classes the server's tests package into plugin jars (a decision sink that is down). */
package dev.greenlight.server.testplugins;
