package org.bangban.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final ServerSecret secret = ServerSecret.of(bytes(7));
    private final TokenService tokens = new TokenService(secret, TokenService.DEFAULT_LIFETIME, at(NOW));

    @Test
    void aTokenGivesBackItsPrincipal() {
        Principal helper = new Principal("staff:1", Role.HELPER, "王小帮", false);
        Principal applicant = new Principal("portal:u-42", Role.APPLICANT, "访客", true);
        assertThat(tokens.verify(tokens.issue(helper))).contains(helper);
        assertThat(tokens.verify(tokens.issue(applicant))).contains(applicant);
        Principal guest = new GuestIds().newGuest();
        assertThat(tokens.verify(tokens.issue(guest))).contains(guest);
    }

    @Test
    void aTokenIsValidForItsLifetimeThenExpires() {
        String token = tokens.issue(new GuestIds().newGuest());
        TokenService later = new TokenService(secret, TokenService.DEFAULT_LIFETIME,
                at(NOW.plus(Duration.ofHours(12)).minusSeconds(1)));
        TokenService expired = new TokenService(secret, TokenService.DEFAULT_LIFETIME,
                at(NOW.plus(Duration.ofHours(12))));
        assertThat(later.verify(token)).isPresent();
        assertThat(expired.verify(token)).isEmpty();
        assertThat(new TokenService(secret).verify(token)).as("checked against the real clock, long after").isEmpty();
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.issue(new Principal("guest:abc", Role.APPLICANT, "访客", false));
        String[] parts = token.split("\\.");

        // change the signature
        char last = parts[2].charAt(0);
        String badSignature = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(tokens.verify(badSignature)).isEmpty();

        // change the claims (become a supervisor) and keep the old signature
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("APPLICANT", "SUPERVISOR");
        String escalated = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(tokens.verify(escalated)).isEmpty();

        // drop the signature
        assertThat(tokens.verify(parts[0] + "." + parts[1] + ".")).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        TokenService other = new TokenService(ServerSecret.of(bytes(8)), TokenService.DEFAULT_LIFETIME, at(NOW));
        assertThat(tokens.verify(other.issue(new GuestIds().newGuest()))).isEmpty();
    }

    @Test
    void unsignedAndForeignTokensAreRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TokenService.ISSUER).subject("staff:1")
                .claim("role", "SUPERVISOR").expirationTime(Date.from(NOW.plusSeconds(600))).build();
        assertThat(tokens.verify(new PlainJWT(claims).serialize())).as("alg none").isEmpty();

        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
        hs512.sign(new MACSigner(bytes(7, 64)));
        assertThat(tokens.verify(hs512.serialize())).as("another algorithm").isEmpty();

        JWTClaimsSet portal = new JWTClaimsSet.Builder(claims).issuer("https://portal.example.gov.cn").build();
        SignedJWT sameKeyOtherIssuer = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), portal);
        sameKeyOtherIssuer.sign(new MACSigner(secret.bytes()));
        assertThat(tokens.verify(sameKeyOtherIssuer.serialize())).as("another issuer").isEmpty();

        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder().issuer(TokenService.ISSUER).subject("staff:1")
                .claim("role", "HELPER").build();
        SignedJWT forever = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), noExpiry);
        forever.sign(new MACSigner(secret.bytes()));
        assertThat(tokens.verify(forever.serialize())).as("no expiry").isEmpty();

        JWTClaimsSet badRole = new JWTClaimsSet.Builder(claims).claim("role", "ROOT").build();
        SignedJWT root = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), badRole);
        root.sign(new MACSigner(secret.bytes()));
        assertThat(tokens.verify(root.serialize())).as("unknown role").isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutThrowing() {
        for (String garbage : new String[] {null, "", "   ", "abc", "a.b.c", "..", "eyJ.eyJ.sig", "{}", "ä.ö.ü",
                "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", "x".repeat(100_000)}) {
            assertThat(tokens.verify(garbage)).as(String.valueOf(garbage)).isEmpty();
        }
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static byte[] bytes(int seed) {
        return bytes(seed, 32);
    }

    static byte[] bytes(int seed, int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) seed);
        b[0] = (byte) (seed * 31);
        return b;
    }
}
