// bpeviz-cli train: trains a byte-level BPE on a corpus (core/train/bpe_trainer.h) and writes the model
// in every form core/formats/model_file.h knows, into one directory.
#pragma once
#include <string>
#include <vector>

namespace bpeviz::cli {

extern const char* const kTrainUsage;

// The names of the files train writes into its directory; the model file is what --tokenizer DIR loads.
inline constexpr const char* kModelFileName = "bpeviz.model";

// args: everything after "train". Returns the exit code.
int train_command(const std::vector<std::string>& args);

}  // namespace bpeviz::cli
