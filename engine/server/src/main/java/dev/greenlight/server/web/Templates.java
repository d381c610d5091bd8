package dev.greenlight.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.Map;

/**
 * Renders the pages' templates, which jte-maven-plugin compiled to classes at build time (package
 * {@code dev.greenlight.server.web.jte}), so nothing is compiled at run time and a template error
 * fails the build. Output is HTML with every {@code ${…}} escaped for where it stands (text,
 * attribute). Thread-safe.
 */
final class Templates {
    private static final String PACKAGE = "dev.greenlight.server.web.jte";
    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    /** {@code name} (e.g. {@code "queues.jte"}) rendered with {@code params}, as UTF-8 bytes. */
    byte[] render(String name, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(name, params, out);
        return out.toByteArray();
    }
}
