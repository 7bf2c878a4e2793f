package org.bangban.ws;

import java.util.Optional;
import org.bangban.identity.Principal;
import org.bangban.queue.HelperProfile;

/** How a connection proves who it is. Implemented over the identity package; a seam for tests. */
public interface Authenticator {
    /** A new anonymous applicant. */
    Principal newGuest();

    /** A session token this server issued (guest or staff); empty when forged, expired or malformed. */
    Optional<Principal> token(String token);

    /** A portal-issued JWT; empty when not valid or no portal key is configured. */
    Optional<Principal> portal(String portalToken);

    /** Staff login; empty for an unknown user, a wrong password or a disabled account. */
    Optional<Principal> login(String username, char[] password);

    /** Issues this server's session token for a principal. */
    String issue(Principal principal);

    /** The routing profile of a helper (skills, languages, ...). */
    Optional<HelperProfile> helperProfile(String helperId);
}
