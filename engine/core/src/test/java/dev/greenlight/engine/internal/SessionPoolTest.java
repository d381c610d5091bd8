package dev.greenlight.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.testing.RuleDirs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;

class SessionPoolTest {
    @TempDir
    Path rules;

    private SessionPool pool() {
        RuleDirs.write(rules, "a.drl", "a", "rule \"ok\" when dev.greenlight.model.Submission() then verdict.approve(\"ok\"); end\n");
        return new SessionPool(RuleCompiler.compile(RuleFiles.fromDirectory(rules)).kieBase());
    }

    @Test
    void reusableSession_isResetAndTakenAgain() {
        SessionPool pool = pool();
        KieSession s = pool.take();
        s.insert("a fact");
        pool.release(s, true);
        KieSession again = pool.take();
        assertThat(again).isSameAs(s);
        assertThat(again.getFactCount()).isZero();
        assertThat(again.getAgendaEventListeners()).isEmpty();
        pool.close();
    }

    @Test
    void sessionAfterAFailure_isDisposed_notReused() {
        SessionPool pool = pool();
        KieSession s = pool.take();
        pool.release(s, false);
        assertThatThrownBy(() -> s.insert("x")).isInstanceOf(IllegalStateException.class);
        assertThat(pool.take()).isNotSameAs(s);
    }

    @Test
    void close_disposesIdleSessions_andLaterReturnsToo() {
        SessionPool pool = pool();
        KieSession idle = pool.take();
        KieSession busy = pool.take();
        pool.release(idle, true);
        pool.close();
        assertThatThrownBy(() -> idle.insert("x")).isInstanceOf(IllegalStateException.class);
        pool.release(busy, true);
        assertThatThrownBy(() -> busy.insert("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void idleSessions_areCapped() {
        SessionPool pool = pool();
        KieSession[] taken = new KieSession[SessionPool.MAX_IDLE + 5];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = pool.take();
        }
        for (KieSession s : taken) {
            pool.release(s, true);
        }
        KieSession last = taken[taken.length - 1];
        assertThatThrownBy(() -> last.insert("x")).isInstanceOf(IllegalStateException.class);
        pool.close();
    }
}
