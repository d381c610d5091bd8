package dev.greenlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** examples/media.jsonl through the shipped rules and every shipped plugin, on real files. */
class MediaExamplesTest {
    static final String EXAMPLE = System.getProperty("greenlight.test.rules", "../rules/policies")
            .replace("rules/policies", "examples/media.jsonl");

    @Test
    void mediaExamples_eachPluginsEvidenceDrivesItsPolicy() {
        Cli r = Cli.run("dry-run", "--plugins", PolicyCommandsTest.PLUGINS.toString(), EXAMPLE);
        assertThat(r.exit()).isEqualTo(1);
        String[] lines = r.outLines();
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("APPROVE  m-1");
        assertThat(lines[1]).startsWith("ESCALATE m-2").contains("type: declared video, actual image").contains("[MED-1]");
        assertThat(lines[2]).startsWith("ESCALATE m-3").contains("could not be read (truncated)").contains("[MED-2]");
        assertThat(lines[3]).startsWith("REJECT   m-4").contains("matches known content").contains("[KC-1]");
        assertThat(r.err()).contains("media.jsonl:5: /media/0/path: must stay inside the media root");
    }
}
