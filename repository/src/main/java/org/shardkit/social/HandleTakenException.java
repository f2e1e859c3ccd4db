package org.shardkit.social;

/** Another agent holds the handle. */
public final class HandleTakenException extends SocialException {
    private static final long serialVersionUID = 1L;
    private final String handle;

    HandleTakenException(String handle) {
        super("handle '" + handle + "' is taken by another agent");
        this.handle = handle;
    }

    /** Returns the handle, as stored (lower case). */
    public String handle() {
        return handle;
    }
}
