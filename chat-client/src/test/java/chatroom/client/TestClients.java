package chatroom.client;

import java.util.concurrent.TimeUnit;

/** Clients for tests against a server on 127.0.0.1. */
public final class TestClients {

    private TestClients() {
    }

    /** A connected client, registered and logged in as {@code name} with the password "password-NAME". */
    public static ChatClient signedUp(int port, String name) throws Exception {
        ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(port).build());
        client.connect().get(10, TimeUnit.SECONDS);
        client.register(name, "password-" + name).get(10, TimeUnit.SECONDS);
        client.login(name, "password-" + name).get(10, TimeUnit.SECONDS);
        return client;
    }
}
