package synth

import "math"

// tessellate cuts every part into a grid, sharing about detail triangles
// in proportion to surface area, and fills the surface groups.
func (p *Person) tessellate(detail int) {
	areas := make([]float64, len(p.parts))
	var total float64
	for i := range p.parts {
		l, c := p.parts[i].shape.profileLength()
		areas[i] = l * c
		total += areas[i]
	}
	p.groups[groupShirt].texture = shirtTexture(&p.pal)
	p.groups[groupTrousers].texture = trousersTexture(&p.pal)
	p.partGroup = make([]partRef, len(p.parts))
	for i := range p.parts {
		s := &p.parts[i]
		tris := float64(detail) * areas[i] / total
		l, c := s.shape.profileLength()
		nSeg := max(8, int(math.Round(math.Sqrt(tris/2*c/l))))
		nRings := max(4, int(math.Round(tris/2/float64(nSeg))))
		g, repeatU, periodV := groupPlain, 1, 1.0
		switch s.mat {
		case matShirt:
			g, repeatU, periodV = groupShirt, max(1, int(math.Round(c/shirtPeriod))), shirtPeriod
		case matTrousers:
			g, repeatU, periodV = groupTrousers, max(1, int(math.Round(c/trousersPeriod))), trousersPeriod
		}
		t := s.shape.tessellate(nRings, nSeg, repeatU, periodV)
		gr := &p.groups[g]
		base := len(gr.local) / 3
		p.partGroup[i] = partRef{group: g, firstVert: base, nVerts: len(t.pos) / 3, firstIndex: len(gr.idx), nIndex: len(t.idx)}
		gr.local = append(gr.local, t.pos...)
		gr.uv = append(gr.uv, t.uv...)
		for v := 0; v < len(t.pos)/3; v++ {
			gr.part = append(gr.part, int32(i))
			c := p.vertexColour(s, vec3{t.pos[3*v], t.pos[3*v+1], t.pos[3*v+2]})
			gr.colors = append(gr.colors, c[0], c[1], c[2])
		}
		for _, ix := range t.idx {
			gr.idx = append(gr.idx, ix+uint32(base))
		}
	}
	// Bake textures into vertex colours for Body.Mesh, and merge the
	// groups' triangles in group order.
	off := uint32(0)
	for gi := range p.groups {
		gr := &p.groups[gi]
		gr.baked = append([]uint8(nil), gr.colors...)
		if gr.texture != nil {
			for v := 0; v < len(gr.uv)/2; v++ {
				tc := gr.texture.Sample(float64(gr.uv[2*v]), float64(gr.uv[2*v+1]))
				for k := 0; k < 3; k++ {
					gr.baked[3*v+k] = clampByte(float64(gr.colors[3*v+k]) * tc[k] / 255)
				}
			}
		}
		p.meshColors = append(p.meshColors, gr.baked...)
		for _, ix := range gr.idx {
			p.meshIdx = append(p.meshIdx, ix+off)
		}
		off += uint32(len(gr.local) / 3)
	}
}

// vertexColour is the colour of a part-local point before texturing.
func (p *Person) vertexColour(s *partSpec, q vec3) [3]uint8 {
	switch s.mat {
	case matShirt, matTrousers:
		return [3]uint8{255, 255, 255}
	case matShoe:
		// The lower part of the foot is the sole.
		mid := (s.shape.a[1] + s.shape.b[1]) / 2 * s.shape.scale[1]
		if q[1] < mid-0.35*s.shape.ra*s.shape.scale[1] {
			return p.pal.sole
		}
		return p.pal.shoe
	case matHead:
		return p.headColour(s, q)
	}
	return p.pal.skin
}

// headColour paints hair, eyes and a mouth on the head: a direction from
// the head's centre, normalized by its scale, decides.
func (p *Person) headColour(s *partSpec, q vec3) [3]uint8 {
	c := s.shape
	ctr := vec3{(c.a[0] + c.b[0]) / 2 * c.scale[0], (c.a[1] + c.b[1]) / 2 * c.scale[1], (c.a[2] + c.b[2]) / 2 * c.scale[2]}
	d := sub3(q, ctr)
	d = vec3{d[0] / c.scale[0], d[1] / c.scale[1], d[2] / c.scale[2]}
	n := norm3(d)
	if n == 0 {
		return p.pal.skin
	}
	d = scale3(d, 1/n)
	switch {
	case d[1] > 0.35 || (d[2] < -0.3 && d[1] > -0.45):
		return p.pal.hair
	case d[2] > 0.6 && math.Abs(math.Abs(d[0])-0.33) < 0.1 && math.Abs(d[1]-0.12) < 0.07:
		return p.pal.eyes
	case d[2] > 0.6 && math.Abs(d[0]) < 0.22 && math.Abs(d[1]+0.42) < 0.06:
		return p.pal.lips
	}
	return p.pal.skin
}
