// Placeholder until the command lands: refuses with a usage error, never pretends to work.
#include "cli.h"

namespace baocao::cli {

int IngestCommand(const std::vector<std::string>& args) { return Usage("this command is not built yet"); }

}  // namespace baocao::cli
