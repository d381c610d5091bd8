package dev.greenlight.desk;

import java.time.Duration;

/**
 * One queue now.
 *
 * @param queue     the queue
 * @param open      cases waiting (not claimed)
 * @param claimed   cases held under a lease
 * @param oldestAge how long the oldest undecided case (open or claimed) has been open; zero when none
 * @param pastDue   undecided cases past their due time
 */
public record QueueStats(Queue queue, int open, int claimed, Duration oldestAge, int pastDue) {
}
