package org.quorate.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "A demo server for this class": one real Quorate server over a fresh database loaded with the
 * demo data, started before the class's first test and stopped after its last. The server is
 * injected into every static {@link TestServer} field of the class and can be taken as a parameter
 * of any test or lifecycle method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DemoServerExtension.class)
public @interface DemoServer {}
