/** {@code ferry package}: a classpath's tasks and launch plans as a registration archive. */
@NullMarked
package dev.ferry.cli.packaging;

import org.jspecify.annotations.NullMarked;
