package dev.orders.bridge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A typed handler's event and response as Lambda's Java runtime (de)serializes them: the events library's own
 * shapes ({@code Records}, base64 Kinesis data, ...) for the types Lambda knows, plain Jackson for the rest.
 */
public record Events(PojoSerializer<Object> input, PojoSerializer<Object> output) {

    static Events of(RequestHandler<Object, Object> handler, ClassLoader loader) {
        Type[] types = handlerTypes(handler.getClass());
        return new Events(serializer(types[0], loader), serializer(types[1], loader));
    }

    Object read(byte[] json) {
        return input.fromJson(new ByteArrayInputStream(json));
    }

    byte[] write(Object response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(response, out);
        return out.toByteArray();
    }

    byte[] handle(RequestHandler<Object, Object> handler, byte[] event, Context context) {
        return write(handler.handleRequest(read(event), context));
    }

    /** Lambda's choice, as its runtime interface client makes it: a supported event type, or Jackson for any other. */
    @SuppressWarnings("unchecked")
    public static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    /** The {@code I} and {@code O} of {@code RequestHandler<I, O>} as the class (or a superclass) declares them. */
    static Type[] handlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }
}
