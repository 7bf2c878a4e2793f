package org.bangban.materials;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The materials' meters on /metrics: refused uploads by reason ({@code bangban_materials_refused_total{reason}}),
 * the sizes of accepted uploads ({@code bangban_materials_stored_bytes_count/_sum/_max}) and damaged files found on
 * reading ({@code bangban_materials_checksum_failures_total}). Records nothing until bound.
 */
final class MaterialMetrics {
    private volatile Map<MaterialException.Code, Counter> refused = Map.of();
    private volatile DistributionSummary stored;
    private volatile Counter checksumFailures;

    void bind(MeterRegistry registry) {
        Map<MaterialException.Code, Counter> counters = new EnumMap<>(MaterialException.Code.class);
        for (MaterialException.Code code : MaterialException.Code.values()) {
            if (code == MaterialException.Code.CHECKSUM_MISMATCH || code == MaterialException.Code.NOT_FOUND
                    || code == MaterialException.Code.INVALID) {
                continue; // not about the upload's bytes: counted elsewhere or refused before receiving
            }
            counters.put(code, Counter.builder("bangban.materials.refused")
                    .description("Uploaded materials refused, by reason").tag("reason", code.code()).register(registry));
        }
        stored = DistributionSummary.builder("bangban.materials.stored.bytes").baseUnit("bytes")
                .description("Sizes of the materials accepted").register(registry);
        checksumFailures = Counter.builder("bangban.materials.checksum.failures")
                .description("Stored material files found damaged when read").register(registry);
        refused = counters;
    }

    void refused(MaterialException e) {
        Counter c = refused.get(e.reason());
        if (c != null) c.increment();
    }

    void stored(long bytes) {
        DistributionSummary s = stored;
        if (s != null) s.record(bytes);
    }

    void readFailed(MaterialException e) {
        Counter c = checksumFailures;
        if (c != null && e.reason() == MaterialException.Code.CHECKSUM_MISMATCH) c.increment();
    }
}
