#include <opencv2/core.hpp>
#include "cvx.h"

void cvx_set_num_threads(int n) { cv::setNumThreads(n); }
int cvx_get_num_threads(void) { return cv::getNumThreads(); }
