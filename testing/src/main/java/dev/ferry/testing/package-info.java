/**
 * The contract suite Ferry's own transformers pass, for a plugin's tests: {@link
 * dev.ferry.testing.TransformerContract} checks a transformer in a few lines, {@link
 * dev.ferry.testing.TransformerContractTest} does it as a JUnit 5 base class.
 */
@NullMarked
package dev.ferry.testing;

import org.jspecify.annotations.NullMarked;
