package org.bangban.relay.media;

/**
 * The RTP header extension ids one side negotiated (RFC 8285); 0 when not negotiated. The relay
 * reads abs-send-time and audio level from what it receives and writes mid, abs-send-time and
 * audio level into what it sends.
 */
public record ExtensionIds(int mid, int absSendTime, int audioLevel) {

    public static final ExtensionIds NONE = new ExtensionIds(0, 0, 0);

    public ExtensionIds {
        for (int id : new int[]{mid, absSendTime, audioLevel}) {
            if (id < 0 || id > 14) {
                throw new IllegalArgumentException("one-byte header extension ids are 1..14: " + id);
            }
        }
    }
}
