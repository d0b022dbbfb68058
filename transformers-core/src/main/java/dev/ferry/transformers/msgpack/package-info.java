/** The msgpack form of values inside records and untyped maps, as the Python SDK writes it. */
@NullMarked
package dev.ferry.transformers.msgpack;

import org.jspecify.annotations.NullMarked;
