// Internal: the order statistics the stages take of measurements (word heights, gaps between
// lines, OCR confidences, a ward's values). Two kinds, kept apart because they differ on an
// even count and their callers' thresholds were measured with the one they use:
//
//   Percentile({4, 1, 3, 2}, 0.5f);   // 3: an element, the upper of the two middle ones
//   Median({4, 1, 3, 2});             // 2.5: the mean of the two middle ones
//   Percentile({}, 0.5f);             // 0 (no values: no measurement)
//
// Both take their values by copy and reorder the copy; O(n) for Percentile, O(n log n) for
// Median; thread-safe.
#pragma once

#include <vector>

namespace baocao::internal {

// The value of rank round(q * (n - 1)) among the n values in ascending order (nearest rank,
// no interpolation), q in [0, 1], the rank computed in float; 0 when there are none. q = 0.5
// is the median as page geometry takes it: always one of the values.
float Percentile(std::vector<float> values, float q);

// The median as statistics takes it: the middle value, or the mean of the two middle values
// for an even count; 0 when there are none.
double Median(std::vector<double> values);

}  // namespace baocao::internal
