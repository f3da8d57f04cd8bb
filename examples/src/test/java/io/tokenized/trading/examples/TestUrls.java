package io.tokenized.trading.examples;

import io.tokenized.trading.migrations.DatabaseUrl;
import io.tokenized.trading.migrations.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A test database's address as a user would type it on the command line, credentials included. */
final class TestUrls {

    private TestUrls() {
    }

    static String of(TestDatabase database) {
        DatabaseUrl url = database.url();
        StringBuilder text = new StringBuilder(url.jdbcUrl());
        char separator = text.indexOf("?") < 0 ? '?' : '&';
        if (url.user().isPresent()) {
            text.append(separator).append("user=").append(encode(url.user().get()));
            separator = '&';
        }
        if (url.password().isPresent()) {
            text.append(separator).append("password=").append(encode(url.password().get()));
        }
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
