package org.bangban.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bangban.config.Config;
import org.bangban.identity.PortalTokenVerifier;

/** Builds the portal token verifier from portal.jwt.* — or none when no key is configured. */
final class PortalVerifiers {
    private PortalVerifiers() {
    }

    static PortalTokenVerifier from(Config c) {
        String secret = c.optional("portal.jwt.hs256.secret");
        String keyFile = c.optional("portal.jwt.rs256.public.key.file");
        if (secret != null && keyFile != null) {
            throw new Config.ConfigException("set either portal.jwt.hs256.secret or portal.jwt.rs256.public.key.file, not both");
        }
        PortalTokenVerifier v;
        try {
            if (secret != null) {
                v = PortalTokenVerifier.hs256(secret.getBytes(StandardCharsets.UTF_8));
            } else if (keyFile != null) {
                v = PortalTokenVerifier.rs256(Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII));
            } else {
                return null;
            }
        } catch (IOException e) {
            throw new Config.ConfigException("cannot read portal.jwt.rs256.public.key.file " + keyFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException("portal token key: " + e.getMessage());
        }
        if (c.optional("portal.jwt.issuer") != null) v = v.withIssuer(c.string("portal.jwt.issuer"));
        if (c.optional("portal.jwt.audience") != null) v = v.withAudience(c.string("portal.jwt.audience"));
        return v;
    }
}
