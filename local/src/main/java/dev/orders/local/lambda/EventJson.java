package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * An event or response type's JSON as Lambda's Java runtime writes and reads it (aws-lambda-java-serialization:
 * the events' own shapes for the types Lambda knows, plain Jackson for the rest). The triggers' side of the
 * boundary: a trigger builds the real event object, this turns it into the bytes a version receives.
 */
public final class EventJson<T> {

    private final PojoSerializer<T> serializer;

    private EventJson(PojoSerializer<T> serializer) {
        this.serializer = serializer;
    }

    public static <T> EventJson<T> of(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return new EventJson<>(LambdaEventSerializers.serializerFor(type, EventJson.class.getClassLoader()));
        }
        return new EventJson<>(JacksonFactory.getInstance().getSerializer(type));
    }

    public byte[] write(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toByteArray();
    }

    public T read(byte[] json) {
        return serializer.fromJson(new ByteArrayInputStream(json));
    }
}
