#ifndef CLOUDME_CVX_H
#define CLOUDME_CVX_H
#ifdef __cplusplus
extern "C" {
#endif
void cvx_set_num_threads(int n);
int cvx_get_num_threads(void);
#ifdef __cplusplus
}
#endif
#endif
