package org.bangban.http;

/** One API endpoint's work: reads the call, answers, or throws an {@link ApiError} (or a mapped exception). */
@FunctionalInterface
public interface ApiAction {
    ApiReply handle(ApiCall call) throws Exception;
}
