// Travel on real road networks in one include: loading OSM CSV and DIMACS graphs, snapping
// locations, parallel travel-time matrices, rush-hour profiles, the matrix cache and the travel
// providers. Separate from fsd/fsd.hpp because of its Boost.Graph and zlib weight.
#pragma once

#include "fsd/travel/components.hpp"
#include "fsd/travel/matrix_cache.hpp"
#include "fsd/travel/points_csv.hpp"
#include "fsd/travel/profile_evaluate.hpp"
#include "fsd/travel/provider.hpp"
#include "fsd/travel/reachability.hpp"
#include "fsd/travel/road_loaders.hpp"
#include "fsd/travel/road_matrix.hpp"
#include "fsd/travel/road_network.hpp"
#include "fsd/travel/road_provider.hpp"
#include "fsd/travel/rush_hour.hpp"
#include "fsd/travel/sample_points.hpp"
#include "fsd/travel/snap.hpp"
