package pastel.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import pastel.problem.Problem;

/// Problem documents for the errors Jetty answers itself, before or beside Javalin (a malformed
/// URI, a header too large, a method the WebSocket servlet does not know): the same documents as
/// every other error ([Problem]), whatever the method. Jetty's own handler writes a body only
/// for GET, POST and HEAD; a PUT, DELETE, PATCH or unknown method would get an empty answer.
public final class JettyProblemHandler extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        var bytes = document(code, message, request.getHttpURI() == null ? null : request.getHttpURI().getPath());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        fields.put("X-Content-Type-Options", "nosniff");
        return ByteBuffer.wrap(document(status, reason, null));
    }

    private static byte[] document(int status, String message, String instance) {
        // Jetty's messages describe the request ("Ambiguous URI encoding", "Request Header Fields
        // Too Large"), never another request's data; they are kept as the detail.
        try {
            return Json.MAPPER.writeValueAsBytes(Problem.ofStatus(status, message).at(instance).body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
