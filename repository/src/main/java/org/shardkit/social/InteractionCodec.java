package org.shardkit.social;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.shardkit.core.writequeue.JournalCodec;

/**
 * An interaction's journal record: a version byte ({@value #VERSION}), then id, initiator and recipient
 * ids, the type's ordinal-free code, the content (UTF-8, length-prefixed) and the time in
 * microseconds. Every field is read back exactly as written. Thread-safe.
 */
final class InteractionCodec implements JournalCodec<Interaction> {
    static final byte VERSION = 1;

    @Override
    public byte[] encode(Interaction it) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(64 + it.content().length() * 3);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(it.id());
            out.writeLong(it.initiatorId());
            out.writeLong(it.recipientId());
            out.writeUTF(it.type().code());
            byte[] content = it.content().getBytes(StandardCharsets.UTF_8);
            out.writeInt(content.length);
            out.write(content);
            out.writeLong(Times.micros(it.createdAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    @Override
    public Interaction decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(record))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "interaction record of version " + version + ", but this codec reads version " + VERSION);
            }
            long id = in.readLong();
            long initiator = in.readLong();
            long recipient = in.readLong();
            InteractionType type = InteractionType.parse(in.readUTF());
            int length = in.readInt();
            if (length < 0 || length > record.length) {
                throw new IllegalArgumentException("interaction record with a content length of " + length
                        + " in a record of " + record.length + " bytes");
            }
            byte[] content = in.readNBytes(length);
            Interaction it = new Interaction(
                    id,
                    initiator,
                    recipient,
                    type,
                    new String(content, StandardCharsets.UTF_8),
                    Times.ofMicros(in.readLong()));
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " bytes after an interaction record's end");
            }
            return it;
        } catch (IOException | InvalidInputException e) {
            throw new IllegalArgumentException("not an interaction record: " + e.getMessage(), e);
        }
    }
}
