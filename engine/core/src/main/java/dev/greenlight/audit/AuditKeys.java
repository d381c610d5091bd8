package dev.greenlight.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys for signing checkpoints, with the JDK's own provider. A private key file holds two
 * PEM blocks, {@code PRIVATE KEY} (PKCS #8) and {@code PUBLIC KEY} (X.509), because the JDK cannot
 * derive one from the other; a public key file holds the second only. A key's id is the first 16
 * hex digits of the SHA-256 of its X.509 encoding. Thread-safe (stateless).
 */
public final class AuditKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private AuditKeys() {
    }

    /** A new key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519 (Java 15 or later is required)", e);
        }
    }

    /**
     * Writes {@code keys} to {@code privateFile} (owner-only permissions where the file system has
     * them) and the public half to {@code publicFile}; refuses to overwrite either.
     */
    public static void write(KeyPair keys, Path privateFile, Path publicFile) throws IOException {
        for (Path p : new Path[] {privateFile, publicFile}) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null, "will not overwrite a key file");
            }
        }
        String pub = pem("PUBLIC KEY", keys.getPublic().getEncoded());
        String priv = pem("PRIVATE KEY", keys.getPrivate().getEncoded()) + pub;
        Path parent = privateFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (privateFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(privateFile);
        }
        Files.writeString(privateFile, priv, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(publicFile, pub, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    }

    /** Reads a private key file written by {@link #write}. */
    public static KeyPair readKeyPair(Path privateFile) throws IOException {
        String text = Files.readString(privateFile, StandardCharsets.US_ASCII);
        byte[] priv = block(text, "PRIVATE KEY", privateFile);
        byte[] pub = block(text, "PUBLIC KEY", privateFile);
        try {
            KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
            KeyPair pair = new KeyPair(kf.generatePublic(new X509EncodedKeySpec(pub)),
                    kf.generatePrivate(new PKCS8EncodedKeySpec(priv)));
            byte[] probe = "greenlight key check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(pair.getPublic(), probe, sign(pair.getPrivate(), probe))) {
                throw new IOException(privateFile + ": the public key does not belong to the private key");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IOException(privateFile + ": not an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** Reads a public key file (or the public half of a private key file). */
    public static PublicKey readPublicKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY", file)));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The key's id: 16 hex digits of the SHA-256 of its X.509 encoding. */
    public static String keyId(PublicKey key) {
        byte[] enc = key.getEncoded();
        return AuditRecordFormat.sha256Hex(enc, enc.length).substring(0, 16);
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String text, String type, Path file) throws IOException {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        throw new IOException(file + ": no PEM block '" + type + "'");
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
