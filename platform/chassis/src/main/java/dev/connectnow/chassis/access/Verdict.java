package dev.connectnow.chassis.access;

import dev.connectnow.chassis.web.ApiException;
import java.util.Objects;

/**
 * The answer of a permission rule: allowed, or refused in one of three ways the caller can tell apart.
 * Rules classes ({@code *Permissions}, {@code *Policy}) return it as plain values, without Spring; the loader
 * that applies them calls {@link #orThrow} to turn a refusal into the matching problem.
 *
 * <ul>
 *   <li>{@link Outcome#NOT_FOUND}: the caller may not learn that the thing exists, so the answer is exactly
 *   that of a missing one (404) and carries no reason;</li>
 *   <li>{@link Outcome#FORBIDDEN}: the caller sees the thing but may not do this (403), and is told why;</li>
 *   <li>{@link Outcome#CONFLICT}: allowed in general but not in the current state, e.g. the owner leaving
 *   without a successor (409), with the reason.</li>
 * </ul>
 */
public record Verdict(Outcome outcome, String reason) {

    public enum Outcome {
        ALLOW,
        NOT_FOUND,
        FORBIDDEN,
        CONFLICT
    }

    private static final Verdict ALLOWED = new Verdict(Outcome.ALLOW, null);
    private static final Verdict HIDDEN = new Verdict(Outcome.NOT_FOUND, null);

    /** The detail of a 404 when the loader does not name the thing: the same for hidden and missing. */
    public static final String NOT_FOUND_DETAIL = "Not found";

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.FORBIDDEN || outcome == Outcome.CONFLICT) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a " + outcome + " verdict tells the caller why");
        }
        if ((outcome == Outcome.ALLOW || outcome == Outcome.NOT_FOUND) && reason != null) {
            throw new IllegalArgumentException("a " + outcome + " verdict has no reason");
        }
    }

    public static Verdict allow() {
        return ALLOWED;
    }

    /** The caller may not learn that the thing exists. */
    public static Verdict notFound() {
        return HIDDEN;
    }

    public static Verdict forbidden(String reason) {
        return new Verdict(Outcome.FORBIDDEN, reason);
    }

    public static Verdict conflict(String reason) {
        return new Verdict(Outcome.CONFLICT, reason);
    }

    /** Allowed when the condition holds, else forbidden with the reason. */
    public static Verdict allowIf(boolean allowed, String reasonIfNot) {
        return allowed ? ALLOWED : forbidden(reasonIfNot);
    }

    public boolean isAllowed() {
        return outcome == Outcome.ALLOW;
    }

    /** Throws the matching problem unless allowed; a hidden thing is a 404 "Not found". */
    public void orThrow() {
        orThrow(NOT_FOUND_DETAIL);
    }

    /**
     * As {@link #orThrow()}, with the detail the loader gives a missing thing (e.g. "Channel not found"), so
     * that a hidden one answers byte for byte the same.
     */
    public void orThrow(String notFoundDetail) {
        switch (outcome) {
            case ALLOW -> {}
            case NOT_FOUND -> throw ApiException.notFound(notFoundDetail);
            case FORBIDDEN -> throw ApiException.forbidden(reason);
            case CONFLICT -> throw ApiException.conflict(reason);
        }
    }
}
