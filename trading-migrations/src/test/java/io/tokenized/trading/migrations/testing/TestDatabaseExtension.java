package io.tokenized.trading.migrations.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own fresh {@link TestDatabase}, injected as a parameter of the constructor,
 * of {@code @BeforeAll}/{@code @BeforeEach} methods or of test methods, and dropped after the class.
 *
 * <pre>{@code
 * @ExtendWith(TestDatabaseExtension.class)
 * class OrdersIT {
 *     @Test
 *     void storesAnOrder(TestDatabase database) { ... }
 * }
 * }</pre>
 *
 * <p>Every test of a class sees the same database; a test that needs a clean one calls
 * {@link TestDatabases#create()}. Thread-safe (JUnit's store computes the value once per class).
 */
public final class TestDatabaseExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestDatabaseExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = extensionContext;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        // the store closes AutoCloseable values when the class context ends: the database is dropped
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestDatabase.class, key -> TestDatabases.create(), TestDatabase.class);
    }
}
