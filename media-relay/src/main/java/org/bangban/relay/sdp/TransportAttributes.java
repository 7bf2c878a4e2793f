package org.bangban.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ICE and DTLS attributes that may stand at session level or in an m-line: {@code a=ice-ufrag},
 * {@code a=ice-pwd}, {@code a=ice-options}, {@code a=fingerprint} (several allowed) and {@code a=setup}.
 */
public record TransportAttributes(Optional<String> iceUfrag, Optional<String> icePwd, List<String> iceOptions,
                                  List<Fingerprint> fingerprints, Optional<Setup> setup) {

    public static final TransportAttributes NONE =
            new TransportAttributes(Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());

    public TransportAttributes {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        iceOptions = List.copyOf(iceOptions);
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
    }

    /** What the relay writes in its own descriptions: credentials, one fingerprint, a DTLS role. */
    public static TransportAttributes of(String ufrag, String pwd, Fingerprint fingerprint, Setup setup) {
        return new TransportAttributes(Optional.of(ufrag), Optional.of(pwd), List.of(), List.of(fingerprint),
                Optional.of(setup));
    }

    /** Each value from this (m-line) level, or from {@code outer} (session level) when absent here. */
    public TransportAttributes orElse(TransportAttributes outer) {
        return new TransportAttributes(
                iceUfrag.isPresent() ? iceUfrag : outer.iceUfrag,
                icePwd.isPresent() ? icePwd : outer.icePwd,
                iceOptions.isEmpty() ? outer.iceOptions : iceOptions,
                fingerprints.isEmpty() ? outer.fingerprints : fingerprints,
                setup.isPresent() ? setup : outer.setup);
    }
}
