package io.stratify.jobs.generate;

import io.stratify.common.contract.LandingDataset;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link LandingGenerator} run wrote.
 *
 * @param outDir the landing root
 * @param filesWritten data files written
 * @param bytesWritten their total size
 * @param rowsWritten records written per dataset, bad ones included
 * @param badInputs every piece of bad input written on purpose, in file order
 */
public record GeneratorSummary(
    Path outDir,
    int filesWritten,
    long bytesWritten,
    Map<LandingDataset, Integer> rowsWritten,
    List<InjectedBadInput> badInputs) {

  public GeneratorSummary {
    rowsWritten = Collections.unmodifiableMap(new EnumMap<>(rowsWritten));
    badInputs = List.copyOf(badInputs);
  }

  /** How many pieces of bad input of each kind were written; kinds not written are absent. */
  public Map<BadInputKind, Integer> badInputsPerKind() {
    Map<BadInputKind, Integer> counts = new EnumMap<>(BadInputKind.class);
    badInputs.forEach(b -> counts.merge(b.kind(), 1, Integer::sum));
    return Collections.unmodifiableMap(counts);
  }
}
