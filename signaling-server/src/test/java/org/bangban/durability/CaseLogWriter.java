package org.bangban.durability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangban.cases.Actor;
import org.bangban.cases.CaseAction;
import org.bangban.cases.CaseEvent;
import org.bangban.cases.CaseEventType;
import org.bangban.cases.CasePayloads;
import org.bangban.cases.CaseQuery;
import org.bangban.cases.CaseRecord;
import org.bangban.cases.CaseResult;
import org.bangban.cases.CaseState;
import org.bangban.cases.CaseStatus;
import org.bangban.cases.CaseWorkflow;
import org.bangban.cases.Cases;
import org.bangban.cases.Channel;
import org.bangban.cases.HelperRole;
import org.bangban.cases.NewCase;
import org.bangban.cases.RealNameCipher;
import org.bangban.cases.TerminationReason;
import org.bangban.queue.GreenReason;
import org.bangban.queue.ServiceKind;
import org.bangban.materials.MaterialStore;
import org.bangban.store.RecordStore;

/**
 * The child program of the case log durability tests: opens the record store, then appends case events from
 * several threads as fast as it can until it is killed, and after each write returns prints one line per event it
 * wrote, {@code ACK <case number> <seq> <SHA-256 of the payload JSON>}, to stdout (unbuffered, one write per
 * operation). The payload's hash is of the JSON it asked for, computed here, not read back.
 *
 * <p>Every event carries a marker {@code r<run>-w<writer>-o<op>} (a note's or chat's {@code marker}, a workflow
 * action's note, a new case's request id; an opening's HELPER_ASSIGNED belongs to its CREATED), so the test can tell
 * which operation wrote an event it did not see acknowledged.
 *
 * <p>Each writer owns the cases it opens (and some unfinished ones of earlier runs) and alone moves them through
 * their workflow, so it knows their status and the payload of each step; notes and chat go to any case, also ones
 * of earlier runs and ended ones. Any error stops the whole program at once (exit 3).
 *
 * <p>Given a data directory (the embedded profile: the SQLite file and the material files side by side), it also
 * runs {@value #MATERIAL_WRITERS} {@link MaterialWriter}s storing files there, acknowledged {@code ACK <sha256>}.
 *
 * <p>Usage: {@code CaseLogWriter <jdbc url> <user or -> <run> <writers> <mixed|open> <seed> [<data dir>]}; in
 * {@code open} mode every case log operation opens a case (the kill then lands during case openings, i.e. number
 * allocation).
 */
public final class CaseLogWriter {
    static final String MIXED = "mixed";
    static final String OPEN = "open";
    /** Threads storing material files, when a data directory is given. */
    static final int MATERIAL_WRITERS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "办件材料申请人帮办代办好差评回访整改营业执照社保医保公积金不动产"
            + "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 .,;:!?\"\\/'{}[]\t";

    private final Cases cases;
    private final int run;
    private final boolean openOnly;
    /** Every case known to this run: note and chat targets. */
    private final List<String> known = new CopyOnWriteArrayList<>();

    private CaseLogWriter(Cases cases, int run, boolean openOnly) {
        this.cases = cases;
        this.run = run;
        this.openOnly = openOnly;
    }

    public static void main(String[] args) throws InterruptedException {
        Acks.keepStdoutForAcks();
        String url = args[0];
        String user = "-".equals(args[1]) ? null : args[1];
        int run = Integer.parseInt(args[2]);
        int writers = Integer.parseInt(args[3]);
        boolean openOnly = OPEN.equals(args[4]);
        long seed = Long.parseLong(args[5]);
        RecordStore store = RecordStore.open(url, user, null);
        CaseLogWriter program = new CaseLogWriter(new Cases(store, RealNameCipher.ofBase64(
                RealNameCipher.newKeyBase64())), run, openOnly);
        List<Writer> all = new ArrayList<>();
        for (int w = 0; w < writers; w++) all.add(program.new Writer(w, new Random(seed * 31 + w)));
        // continue with what earlier runs left: notes on any case, workflow steps on unfinished ones
        List<CaseRecord> earlier = program.cases.search(CaseQuery.all().page(0, CaseQuery.MAX_LIMIT)).cases();
        for (int i = 0; i < earlier.size(); i++) {
            CaseRecord c = earlier.get(i);
            program.known.add(c.number());
            if (!c.state().isFinal()) all.get(i % writers).own.add(new Owned(c.number(), c.status()));
        }
        List<Thread> threads = new ArrayList<>();
        for (Writer w : all) threads.add(new Thread(w, "writer-" + w.index));
        if (args.length > 6) { // the embedded profile's material files, in the same data directory
            MaterialStore materials = new MaterialStore(Path.of(args[6]));
            for (int m = 0; m < MATERIAL_WRITERS; m++) {
                threads.add(new Thread(new MaterialWriter(materials, new Random(seed * 37 + m)), "material-writer-" + m));
            }
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join(); // never returns: the writers run until the process is killed
    }

    /** A case a writer moves through its workflow, with its status as last returned by the case log. */
    private static final class Owned {
        final String number;
        CaseStatus status;

        Owned(String number, CaseStatus status) {
            this.number = number;
            this.status = status;
        }
    }

    private final class Writer implements Runnable {
        final int index;
        final Random random;
        final Actor actor;
        final List<Owned> own = new ArrayList<>();
        int op;

        Writer(int index, Random random) {
            this.index = index;
            this.random = random;
            this.actor = Actor.helper("staff-w" + index);
        }

        @Override
        public void run() {
            try {
                while (true) step();
            } catch (Throwable e) {
                Acks.die("writer " + index + " at op " + op, e);
            }
        }

        void step() throws IOException {
            op++;
            String marker = "r" + run + "-w" + index + "-o" + op;
            if (openOnly || own.isEmpty() || (own.size() < 4 && random.nextInt(8) == 0)) {
                open(marker);
                return;
            }
            int dice = random.nextInt(10);
            if (dice < 4) advance(marker);
            else if (dice < 8) note(marker);
            else chat(marker);
        }

        void open(String marker) throws IOException {
            ServiceKind kind = random.nextBoolean() ? ServiceKind.ASSIST : ServiceKind.DELEGATE;
            String helper = random.nextBoolean() ? "staff-h" + random.nextInt(6) : null;
            NewCase.Builder builder = NewCase.builder("guest:" + random.nextInt(1000), "item-" + random.nextInt(30),
                            kind, Channel.values()[random.nextInt(Channel.values().length)])
                    .department("dept-" + random.nextInt(5)).requestId(marker).itemDelegable(true)
                    .description(random.nextInt(3) == 0 ? text(200) : null).helper(helper);
            if (random.nextInt(5) == 0) builder.green(GreenReason.values()[random.nextInt(GreenReason.values().length)]);
            NewCase n = builder.build();
            CaseRecord opened = cases.open(n, actor);
            ObjectNode created = CasePayloads.created(CaseStatus.opened(kind, n.priority()), n.channel(),
                    n.greenReason(), n.itemId(), n.department(), n.applicantId(), n.requestId());
            List<String> lines = new ArrayList<>();
            lines.add(opened.number() + " 1 " + sha(created));
            if (helper != null) {
                lines.add(opened.number() + " 2 " + sha(CasePayloads.helperAssigned(helper, HelperRole.PRIMARY)));
            }
            expect(opened.lastSeq() == lines.size(), "case " + opened.number() + " opened with last seq "
                    + opened.lastSeq());
            Acks.print(lines);
            own.add(new Owned(opened.number(), opened.status()));
            known.add(opened.number());
        }

        void advance(String marker) throws IOException {
            Owned c = own.get(random.nextInt(own.size()));
            CaseAction action = nextAction(c.status, marker);
            CaseWorkflow.Step step = CaseWorkflow.step(c.status, action);
            CaseRecord after = cases.apply(c.number, actor, action);
            expect(after.status().equals(step.next()), "case " + c.number + " is " + after.status()
                    + " after " + action + ", expected " + step.next());
            Acks.print(List.of(c.number + " " + after.lastSeq() + " " + sha(step.payload())));
            c.status = after.status();
            if (c.status.state().isFinal()) own.remove(c);
        }

        CaseAction nextAction(CaseStatus status, String marker) {
            if (random.nextInt(15) == 0) {
                return new CaseAction.Terminate(TerminationReason.values()[random.nextInt(
                        TerminationReason.values().length)], marker);
            }
            List<CaseAction> possible = new ArrayList<>();
            for (CaseState to : CaseWorkflow.allowedNext(status)) possible.add(new CaseAction.Advance(to, marker));
            if (CaseWorkflow.canRecordResult(status) && status.result() == null) {
                possible.add(new CaseAction.RecordResult(CaseResult.values()[random.nextInt(
                        CaseResult.values().length)], marker));
            }
            if (CaseWorkflow.canConvert(status) && random.nextInt(4) == 0) {
                possible.add(new CaseAction.ConvertToDelegation(true, marker));
            }
            if (possible.isEmpty()) throw new IllegalStateException("no next action for a case in " + status);
            return possible.get(random.nextInt(possible.size()));
        }

        void note(String marker) throws IOException {
            String number = known.get(random.nextInt(known.size()));
            ObjectNode payload = CasePayloads.object().put("marker", marker).put("text", text(400));
            CaseEvent e = cases.append(number, actor, CaseEventType.NOTE, payload);
            Acks.print(List.of(number + " " + e.seq() + " " + sha(payload)));
        }

        void chat(String marker) throws IOException {
            String number = known.get(random.nextInt(known.size()));
            ObjectNode payload = CasePayloads.object().put("marker", marker).put("sessionId", "s-" + marker);
            ArrayNode messages = payload.putArray("messages");
            int count = random.nextInt(25) == 0 ? 200 : 1 + random.nextInt(6); // now and then a long transcript
            for (int i = 0; i < count; i++) {
                messages.addObject().put("from", i % 2 == 0 ? "guest:1" : actor.id()).put("at", 1_780_000_000_000L + i)
                        .put("text", text(120));
            }
            CaseEvent e = cases.append(number, actor, CaseEventType.CHAT, payload);
            Acks.print(List.of(number + " " + e.seq() + " " + sha(payload)));
        }

        String text(int max) {
            int length = 1 + random.nextInt(max);
            StringBuilder b = new StringBuilder(length);
            for (int i = 0; i < length; i++) b.append(TEXT.charAt(random.nextInt(TEXT.length())));
            return b.toString();
        }
    }

    /** The SHA-256 (hex) of a payload's JSON text, as the case log writes it (a plain Jackson ObjectMapper). */
    static String sha(ObjectNode payload) {
        try {
            return Acks.sha256(JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void expect(boolean condition, String what) {
        if (!condition) throw new IllegalStateException(what);
    }
}
