package dev.greenlight.plugins.c2pa;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificate helpers: names and PEM bundles. Stateless; thread-safe.
 */
final class Certificates {
    private Certificates() {
    }

    /** The subject or issuer attribute {@code type} ({@code CN}, {@code O}), or empty. */
    static String attribute(X500Principal name, String type) {
        try {
            List<Rdn> rdns = new LdapName(name.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase(type)) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
        } catch (InvalidNameException | RuntimeException e) {
            return "";
        }
        return "";
    }

    static String commonName(X500Principal name) {
        return attribute(name, "CN");
    }

    /**
     * The certificates in a PEM (or DER) bundle.
     *
     * @throws IOException when the file cannot be read or holds something that is not a certificate
     */
    static List<X509Certificate> readBundle(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException(file + ": not a certificate bundle: " + e.getMessage(), e);
        }
    }
}
