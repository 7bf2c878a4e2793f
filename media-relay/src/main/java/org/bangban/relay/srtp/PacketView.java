package org.bangban.relay.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A reusable window onto the caller's packet array, handed to jitsi-srtp as its
 * {@link ByteArrayBuffer}. It never reallocates: a request to grow past the end of the array is
 * recorded as an overflow (callers check room first, so this is a safety net) instead of copying
 * the packet elsewhere. Not thread-safe; each {@link SrtpDirection} owns one and uses it under its lock.
 */
final class PacketView implements ByteArrayBuffer {

    private byte[] buffer;
    private int offset;
    private int length;
    private boolean overflow;

    PacketView wrap(byte[] buf, int off, int len) {
        buffer = buf;
        offset = off;
        length = len;
        overflow = false;
        return this;
    }

    /** Drops the reference to the caller's array so a closed session does not pin it. */
    void release() {
        buffer = null;
    }

    boolean overflowed() {
        return overflow;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > buffer.length) {
            overflow = true;
            return;
        }
        length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off + length > buffer.length) {
            overflow = true;
            return;
        }
        offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        int start = offset + off;
        if (off < 0 || len < 0 || start + len > buffer.length || len > out.length) {
            overflow = true;
            return;
        }
        System.arraycopy(buffer, start, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (howMuch < 0 || offset + length + howMuch > buffer.length) {
            overflow = true;
        }
    }

    @Override
    public void append(byte[] data, int len) {
        if (len <= 0) {
            return;
        }
        if (offset + length + len > buffer.length || len > data.length) {
            overflow = true;
            return;
        }
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len <= 0) {
            return;
        }
        if (len > length) {
            overflow = true;
            length = 0;
            return;
        }
        length -= len;
    }
}
