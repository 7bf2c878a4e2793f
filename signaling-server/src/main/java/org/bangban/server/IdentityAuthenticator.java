package org.bangban.server;

import java.util.Optional;
import org.bangban.identity.GuestIds;
import org.bangban.identity.PortalTokenVerifier;
import org.bangban.identity.PortalVerification;
import org.bangban.identity.Principal;
import org.bangban.identity.StaffAccounts;
import org.bangban.identity.TokenService;
import org.bangban.queue.HelperProfile;
import org.bangban.ws.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authentication over the identity package: guests, the server's tokens, portal JWTs and staff accounts. */
final class IdentityAuthenticator implements Authenticator {
    private static final Logger log = LoggerFactory.getLogger(IdentityAuthenticator.class);
    private final StaffAccounts accounts;
    private final TokenService tokens;
    private final PortalTokenVerifier portal;
    private final GuestIds guests = new GuestIds();

    IdentityAuthenticator(StaffAccounts accounts, TokenService tokens, PortalTokenVerifier portal) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.portal = portal;
    }

    @Override
    public Principal newGuest() {
        return guests.newGuest();
    }

    @Override
    public Optional<Principal> token(String token) {
        Optional<Principal> p = tokens.verify(token);
        // A staff token stays valid only while the account exists and is enabled.
        return p.filter(x -> x.role() == org.bangban.identity.Role.APPLICANT
                || accounts.findById(x.id()).filter(a -> !a.disabled()).isPresent());
    }

    @Override
    public Optional<Principal> portal(String portalToken) {
        if (portal == null) {
            log.debug("a portal token was presented but no portal key is configured (portal.jwt.*)");
            return Optional.empty();
        }
        PortalVerification v = portal.verify(portalToken);
        if (v instanceof PortalVerification.Rejected r) {
            log.info("portal token rejected: {} ({})", r.reason(), r.detail());
        }
        return v.toOptional();
    }

    @Override
    public Optional<Principal> login(String username, char[] password) {
        return accounts.authenticate(username, password).map(a -> a.principal());
    }

    @Override
    public String issue(Principal principal) {
        return tokens.issue(principal);
    }

    @Override
    public Optional<HelperProfile> helperProfile(String helperId) {
        return accounts.findById(helperId).map(accounts::toHelperProfile);
    }
}
