package dev.greenlight.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON tree together with the line on which each value starts, keyed by JSON Pointer. Jackson's
 * trees forget locations, and a policy author looking at a pretty-printed array needs the line of
 * the bad field, not of the document, so the tree is built here from the token stream.
 */
record LocatedTree(JsonNode root, Map<String, Integer> lines) {

    /** Reads the value starting at the parser's current token. */
    static LocatedTree read(JsonParser parser) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root = readValue(parser, "", lines);
        return new LocatedTree(root, lines);
    }

    /** The line of the value at {@code pointer}, or of its nearest ancestor that has one. */
    int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static JsonNode readValue(JsonParser p, String pointer, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        lines.put(pointer, p.currentTokenLocation().getLineNr());
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode obj = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    obj.set(name, readValue(p, pointer + "/" + escape(name), lines));
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(readValue(p, pointer + "/" + i++, lines));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> f.numberNode(p.getIntValue());
                    case LONG -> f.numberNode(p.getLongValue());
                    default -> f.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new IllegalStateException("unexpected token " + t);
        }
    }

    /** RFC 6901 escaping of one reference token. */
    static String escape(String name) {
        return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
    }
}
