package pastel.db;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/// SQLite takes one writer at a time and makes the others poll (busy_timeout) with growing
/// sleeps, in no order: under a burst of writes from many threads an unlucky one can wait past
/// the timeout and fail with SQLITE_BUSY. Transactions (all IMMEDIATE, so all writers) queue
/// here instead, first come first served, and reach SQLite one by one.
final class OneWriterAtATime extends DelegatingTransactionHandler {
    private final ReentrantLock writer = new ReentrantLock(true);

    OneWriterAtATime() {
        super(LocalTransactionHandler.binding());
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            writer.unlock();
        }
    }
}
