package org.shardkit.social;

/** A social operation refused because of the data's state (not the arguments' form); nothing was written. */
public abstract class SocialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SocialException(String message) {
        super(message);
    }
}
