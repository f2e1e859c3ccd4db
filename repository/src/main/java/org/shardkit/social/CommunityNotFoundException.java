package org.shardkit.social;

/** No community has the id. */
public final class CommunityNotFoundException extends SocialException {
    private static final long serialVersionUID = 1L;
    private final long communityId;

    CommunityNotFoundException(long communityId) {
        super("no community has id " + communityId);
        this.communityId = communityId;
    }

    /** Returns the id asked for. */
    public long communityId() {
        return communityId;
    }
}
