package pastel.problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import pastel.http.Json;

/// Problem documents for the errors Jetty answers itself, before Javalin sees the request
/// (an ambiguous or malformed URI, a header too large): JSON like every other error.
public final class JettyProblemHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "https://pastel.app/problems/http-" + code);
        body.put("title", HttpStatus.getMessage(code));
        body.put("status", code);
        body.put("detail", message == null || message.isBlank() ? HttpStatus.getMessage(code) : message);
        var bytes = Json.MAPPER.writeValueAsBytes(body);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        var detail = reason == null ? HttpStatus.getMessage(status) : reason.replace("\"", "'");
        return ByteBuffer.wrap(("{\"type\":\"https://pastel.app/problems/http-" + status + "\",\"title\":\""
                + HttpStatus.getMessage(status) + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
