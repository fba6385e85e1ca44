package chatroom.client.connection;

import chatroom.codec.message.Request;
import chatroom.codec.message.Send;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;

/** A request sent (or waiting to be sent) and the future its reply completes. */
final class PendingRequest {

    final Request request;
    final CompletableFuture<Object> reply;
    ScheduledFuture<?> timeout;

    PendingRequest(Request request, CompletableFuture<Object> reply) {
        this.request = request;
        this.reply = reply;
    }

    /** A send carries a cid, so it can go again after a reconnect without being stored twice. */
    boolean resendable() {
        return request instanceof Send send && send.cid() != null;
    }

    String id() {
        return String.valueOf(request.id());
    }
}
