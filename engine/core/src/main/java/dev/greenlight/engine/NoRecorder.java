package dev.greenlight.engine;

import dev.greenlight.audit.AuditLog;
import dev.greenlight.model.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The recorder of an engine without an audit log: a decision is final as soon as it is made. */
final class NoRecorder implements Recorder {
    private final Publisher publisher;

    NoRecorder(Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public Decision record(Decided d) {
        publisher.publish(d);
        return d.decision();
    }

    @Override
    public Batch batch() {
        List<Decided> batch = new ArrayList<>();
        return new Batch() {
            @Override
            public void add(Decided d) {
                batch.add(d);
            }

            @Override
            public List<Decision> commit() {
                batch.forEach(publisher::publish);
                return batch.stream().map(Decided::decision).toList();
            }
        };
    }

    @Override
    public Optional<AuditLog> log() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
