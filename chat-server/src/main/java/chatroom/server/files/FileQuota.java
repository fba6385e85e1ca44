package chatroom.server.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an upload may start, against {@link FileQuotas}: the bytes already stored (read
 * from the store), plus the uploads this server has started and not yet finished, plus the new
 * one. An upload holds its size from {@code file_put} on (a {@link Reservation}), so parallel
 * uploads cannot outrun a quota; it gives it back when it fails or is abandoned.
 *
 * <p>Reading the stored bytes takes time, and an upload may be stored meanwhile: its reservation
 * ends, yet the figure just read may not include it. So a decision takes a {@link Ticket} before
 * the store is read, and also counts every upload stored since that ticket was taken (counting one
 * twice errs on the safe side). Thread-safe: decisions are made on store threads, uploads end on
 * event loops.
 */
public final class FileQuota {

    private final FileQuotas quotas;
    private final Map<String, Long> reservedByUser = new HashMap<>();
    private long reservedTotal;
    /** Uploads stored while a decision was reading the store: (generation, uploader, bytes). */
    private final List<Stored> recentlyStored = new ArrayList<>();
    private long generation;
    private int openTickets;

    public FileQuota(FileQuotas quotas) {
        this.quotas = quotas;
    }

    /** Taken before the stored bytes are read; passed to {@link #reserve}, or {@link Ticket#cancel}led. */
    public synchronized Ticket ticket() {
        openTickets++;
        return new Ticket(generation);
    }

    /**
     * Reserves {@code size} bytes for an upload by {@code user}, or refuses it.
     *
     * @param storedByUser bytes of files the user has stored, read after the ticket was taken
     * @param storedTotal bytes of files stored in all, read after the ticket was taken
     * @param usableDisk free bytes on the disk of the file store, read after the ticket was taken
     * @throws QuotaExceededException when the upload would pass a quota or eat into the disk reserve
     */
    public synchronized Reservation reserve(Ticket ticket, String user, long size, long storedByUser, long storedTotal,
                                            long usableDisk) {
        closeTicket(ticket);
        long storedSinceByUser = 0;
        long storedSinceTotal = 0;
        for (Stored stored : recentlyStored) {
            if (stored.generation > ticket.generation) {
                storedSinceTotal += stored.bytes;
                storedSinceByUser += stored.user.equals(user) ? stored.bytes : 0;
            }
        }
        long userAfter = storedByUser + storedSinceByUser + reservedByUser.getOrDefault(user, 0L) + size;
        if (userAfter > quotas.perUserBytes()) {
            throw new QuotaExceededException("this file would pass your quota for files of "
                    + mib(quotas.perUserBytes()) + " (you have " + mib(userAfter - size) + ")");
        }
        long totalAfter = storedTotal + storedSinceTotal + reservedTotal + size;
        if (totalAfter > quotas.totalBytes()) {
            throw new QuotaExceededException("the server's space for files (" + mib(quotas.totalBytes())
                    + ") is used up");
        }
        if (usableDisk - reservedTotal - size < quotas.diskReserveBytes()) {
            throw new QuotaExceededException("the server's disk is too full to take this file");
        }
        reservedByUser.merge(user, size, Long::sum);
        reservedTotal += size;
        return new Reservation(user, size);
    }

    private void closeTicket(Ticket ticket) {
        if (!ticket.closed) {
            ticket.closed = true;
            openTickets--;
        }
    }

    private synchronized void end(Reservation reservation, boolean stored) {
        reservedByUser.computeIfPresent(reservation.user, (u, bytes) -> bytes == reservation.size ? null
                : bytes - reservation.size);
        reservedTotal -= reservation.size;
        if (stored && openTickets > 0) {
            recentlyStored.add(new Stored(++generation, reservation.user, reservation.size));
        } else if (openTickets == 0) {
            recentlyStored.clear(); // no decision is reading the store: every stored file is in what it reads next
        }
    }

    private static String mib(long bytes) {
        return bytes >= FileQuotas.MIB && bytes % FileQuotas.MIB == 0 ? bytes / FileQuotas.MIB + " MiB" : bytes + " bytes";
    }

    private record Stored(long generation, String user, long bytes) {
    }

    /** Marks when a decision started reading the store. */
    public final class Ticket {
        private final long generation;
        private boolean closed;

        private Ticket(long generation) {
            this.generation = generation;
        }

        /** The decision was abandoned (reading the store failed). */
        public void cancel() {
            synchronized (FileQuota.this) {
                closeTicket(this);
            }
        }
    }

    /** The bytes an upload in progress holds; ended exactly once. */
    public final class Reservation {
        private final String user;
        private final long size;
        private boolean ended;
        private Runnable whenEnded;

        private Reservation(String user, long size) {
            this.user = user;
            this.size = size;
        }

        public long size() {
            return size;
        }

        /** Runs {@code action} when this reservation ends (at once if it has); at most one action. */
        public void whenEnded(Runnable action) {
            synchronized (FileQuota.this) {
                if (!ended) {
                    whenEnded = action;
                    return;
                }
            }
            action.run();
        }

        /** The upload is stored: its bytes now count through the store. */
        public void stored() {
            finish(true);
        }

        /** The upload failed or was abandoned: its bytes are free again. */
        public void release() {
            finish(false);
        }

        private void finish(boolean stored) {
            Runnable action;
            synchronized (FileQuota.this) {
                if (ended) {
                    return;
                }
                ended = true;
                end(this, stored);
                action = whenEnded;
            }
            if (action != null) {
                action.run();
            }
        }
    }
}
