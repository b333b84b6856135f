package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The cluster recipes of docs/cluster.md say what the commands do: the Kubernetes Indexed Job runs
 * the share of each pod's index, as many shares as completions, and the merge Job merges them all;
 * the Slurm script runs share K of N from the array task (it runs for real in SlurmJobArrayTest).
 */
class ClusterDocsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void kubernetesJob_isIndexed_andEachPodRunsTheShareOfItsIndex() throws IOException {
    JsonNode job = YAML.readTree(Repository.path("docs/k8s/sweep-job.yaml").toFile());
    assertThat(job.get("kind").asText()).isEqualTo("Job");
    JsonNode spec = job.get("spec");
    assertThat(spec.get("completionMode").asText()).isEqualTo("Indexed");
    int shares = spec.get("completions").asInt();
    JsonNode container = spec.get("template").get("spec").get("containers").get(0);
    assertThat(container.get("env").get(0).get("name").asText()).isEqualTo("SHARES");
    assertThat(container.get("env").get(0).get("value").asInt()).isEqualTo(shares);
    String command = container.get("args").get(0).asText();
    assertThat(command)
        .contains("k=$((JOB_COMPLETION_INDEX + 1))")
        .contains(" sweep /config/sweep.yaml ")
        .contains("--shard $k/$SHARES")
        .contains("--out /results/share-$k-of-$SHARES");
    JsonNode merge = YAML.readTree(Repository.path("docs/k8s/merge-job.yaml").toFile());
    assertThat(
            merge
                .get("spec")
                .get("template")
                .get("spec")
                .get("containers")
                .get(0)
                .get("args")
                .get(0)
                .asText())
        .contains("merge --out /results/merged" + " /results/share-*-of-" + shares);
  }

  @Test
  void slurmScript_runsShareKOfN_ofTheArray() throws IOException {
    String script = Files.readString(Repository.path("docs/slurm/sweep.sbatch"));
    assertThat(script)
        .startsWith("#!/bin/bash")
        .contains("k=$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1))")
        .contains("n=$SLURM_ARRAY_TASK_COUNT")
        .contains("sweep \"$config\" --out \"$out/share-$k-of-$n\" --shard \"$k/$n\"");
  }
}
