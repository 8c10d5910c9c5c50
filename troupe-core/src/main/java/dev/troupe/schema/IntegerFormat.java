package dev.troupe.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.format.Format;
import java.math.BigInteger;

/**
 * The OpenAPI formats {@code int32} and {@code int64} as ranges of integers, which JSON Schema itself
 * does not name: {@link JavaSchemas} marks {@code int} and {@code long} parameters with them. A value
 * that is not an integer fits (the {@code type} keyword judges it). Immutable.
 */
final class IntegerFormat implements Format {
    static final IntegerFormat INT32 = new IntegerFormat("int32", Integer.MIN_VALUE, Integer.MAX_VALUE);
    static final IntegerFormat INT64 = new IntegerFormat("int64", Long.MIN_VALUE, Long.MAX_VALUE);

    private final String name;
    private final BigInteger min;
    private final BigInteger max;

    private IntegerFormat(String name, long min, long max) {
        this.name = name;
        this.min = BigInteger.valueOf(min);
        this.max = BigInteger.valueOf(max);
    }

    /** Whether {@code format} names one of these formats. */
    static boolean names(String format) {
        return format.equals(INT32.name) || format.equals(INT64.name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean matches(ExecutionContext executionContext, SchemaContext schemaContext, JsonNode value) {
        if (!isInteger(value)) {
            return true;
        }
        BigInteger integer = value.decimalValue().toBigIntegerExact();
        return integer.compareTo(min) >= 0 && integer.compareTo(max) <= 0;
    }

    /** Whether {@code value} is an integer as JSON Schema counts them: a number with a zero fraction. */
    static boolean isInteger(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        if (!value.isNumber() || (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue()))) {
            return false;
        }
        return value.decimalValue().stripTrailingZeros().scale() <= 0;
    }
}
