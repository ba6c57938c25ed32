/// The request's id as a task-local value, set by `RequestIDMiddleware` around the rest of the request, so
/// code that has no `QuiverRequestContext` (a service's completion hook recording analytics) can name the
/// request. Nil outside a request.
public enum RequestTaskLocals {
    @TaskLocal public static var requestID: String?
}
