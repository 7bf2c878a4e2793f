package org.bangban.caseapi;

import java.time.Clock;
import org.bangban.cases.CaseException;
import org.bangban.cases.Cases;
import org.bangban.casefeed.CaseSessions;
import org.bangban.evaluation.EvaluationException;
import org.bangban.evaluation.Evaluations;
import org.bangban.http.ApiError;
import org.bangban.http.ApiModule;
import org.bangban.http.ApiRouter;
import org.bangban.identity.StaffAccounts;
import org.bangban.materials.MaterialException;
import org.bangban.materials.Materials;
import org.bangban.store.RecordStore;
import org.bangban.store.ServiceItems;

/**
 * The case log's REST API (docs/api.md): cases, materials and checklists, follow-ups of bad ratings; and the one
 * mapping of the case, material and evaluation exceptions to HTTP errors.
 */
public final class CaseLogApi implements ApiModule {
    private final ApiModule[] modules;

    public CaseLogApi(RecordStore store, Cases cases, Materials materials, Evaluations evaluations,
                      StaffAccounts accounts, ServiceItems items, Clock clock) {
        Teams teams = new Teams(accounts);
        VisibleCases visible = new VisibleCases(cases, teams);
        CaseWork work = new CaseWork(store, cases, materials, evaluations, clock);
        this.modules = new ApiModule[] {
                new CaseApi(store, cases, materials, evaluations, new CaseSessions(store), items, visible, clock),
                new MaterialApi(cases, materials, items, visible, work),
                new FollowUpApi(evaluations, teams, work, clock)};
    }

    @Override
    public void register(ApiRouter router) {
        for (ApiModule m : modules) m.register(router);
        router.mapError(CaseException.class, CaseLogApi::caseError);
        router.mapError(MaterialException.class, CaseLogApi::materialError);
        router.mapError(EvaluationException.class, CaseLogApi::evaluationError);
    }

    static ApiError caseError(CaseException e) {
        switch (e.error()) {
            case NOT_FOUND:
                return new ApiError(404, e.code(), e.getMessage());
            case INVALID:
                return new ApiError(400, e.code(), e.getMessage());
            case NUMBERS_EXHAUSTED:
                return new ApiError(503, e.code(), e.getMessage());
            default: // ILLEGAL_TRANSITION, NOT_DELEGABLE, DUPLICATE
                return new ApiError(409, e.code(), e.getMessage());
        }
    }

    static ApiError materialError(MaterialException e) {
        switch (e.reason()) {
            case EMPTY:
            case INVALID:
                return new ApiError(400, e.code(), e.getMessage());
            case TOO_LARGE:
                return new ApiError(413, e.code(), e.getMessage());
            case TYPE_NOT_ALLOWED:
                return new ApiError(415, e.code(), e.getMessage());
            case NOT_FOUND:
                return new ApiError(404, e.code(), e.getMessage());
            case CHECKSUM_MISMATCH:
                return new ApiError(500, e.code(), "the stored file of this material is damaged; an operator must"
                        + " restore it from a backup (the server log names it)");
            default: // STORAGE_FAILED
                return new ApiError(503, e.code(), "the file could not be stored or read; try again later");
        }
    }

    static ApiError evaluationError(EvaluationException e) {
        switch (e.code()) {
            case EvaluationException.NOT_FOUND:
                return new ApiError(404, "not_found", e.getMessage());
            case EvaluationException.FORBIDDEN:
                return new ApiError(403, "forbidden", e.getMessage());
            case EvaluationException.WINDOW_CLOSED:
            case EvaluationException.ALREADY_RATED:
            case EvaluationException.ILLEGAL_STEP:
                return new ApiError(409, e.code(), e.getMessage());
            case EvaluationException.INVALID_INPUT:
                return new ApiError(400, "invalid", e.getMessage());
            default: // UNKNOWN_TAG, INVALID_TEXT
                return new ApiError(400, e.code(), e.getMessage());
        }
    }
}
