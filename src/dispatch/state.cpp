// The dispatch state's copy, move and destruction, compiled once.
#include "fsd/dispatch/state.hpp"

namespace fsd::dispatch {

DispatchState::DispatchState() = default;
DispatchState::DispatchState(const DispatchState&) = default;
DispatchState::DispatchState(DispatchState&&) noexcept = default;
DispatchState& DispatchState::operator=(const DispatchState&) = default;
DispatchState& DispatchState::operator=(DispatchState&&) noexcept = default;
DispatchState::~DispatchState() = default;

}  // namespace fsd::dispatch
